// Economic subgraph schema: Economic indicators (经济指标): EC01–EC08.
import { categoryTypeDefsFor } from '../kit/category-subgraph';

export const typeDefs = categoryTypeDefsFor('ECONOMIC', 'Economic indicators (经济指标): EC01–EC08.');
